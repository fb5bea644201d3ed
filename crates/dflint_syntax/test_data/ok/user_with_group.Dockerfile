FROM alpine
USER app:staff
