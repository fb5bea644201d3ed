FROM alpine
RUN <<EOF
echo one
EOF
RUN echo two
