FROM alpine
CMD ["echo", "\ud800"]
