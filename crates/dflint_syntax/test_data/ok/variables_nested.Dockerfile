FROM alpine
WORKDIR ${A:-${B:-c}}
