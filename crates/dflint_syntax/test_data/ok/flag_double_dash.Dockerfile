FROM alpine
COPY --link -- --odd-name /dst/
