FROM alpine
ENV MESSAGE hello there world
