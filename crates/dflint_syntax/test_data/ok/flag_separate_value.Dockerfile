FROM alpine
COPY --chown app:app a /b
