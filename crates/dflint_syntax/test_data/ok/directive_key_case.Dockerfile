# Escape=`
# SYNTAX=docker/dockerfile:1
FROM alpine
RUN echo one `
  two
