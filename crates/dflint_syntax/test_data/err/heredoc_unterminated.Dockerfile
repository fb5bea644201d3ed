FROM alpine
RUN <<EOF
