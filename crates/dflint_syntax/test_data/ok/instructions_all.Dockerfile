FROM alpine:3.20 AS base
MAINTAINER Jane Doe <jane@example.com>
LABEL org.example.name=demo
ARG VERSION=1
ENV APP_HOME=/app
WORKDIR /app
ADD https://example.com/archive.tar.gz /tmp/
COPY . /app
RUN echo building
USER app
VOLUME /data
EXPOSE 8080
STOPSIGNAL SIGTERM
HEALTHCHECK CMD wget -q -O- http://localhost:8080/health
SHELL ["/bin/sh", "-c"]
ONBUILD RUN echo child
ENTRYPOINT ["/app/run"]
CMD ["--help"]
