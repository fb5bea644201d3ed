FROM alpine
garbage
