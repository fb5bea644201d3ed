FROM alpine
WORKDIR /srv/app
