FROM alpine
ENV A=one
ENV B=$A C=${A}
