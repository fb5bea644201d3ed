FROM alpine
ONBUILD RUN make install
onbuild copy . /src
