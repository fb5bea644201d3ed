FROM alpine
CMD [1]
