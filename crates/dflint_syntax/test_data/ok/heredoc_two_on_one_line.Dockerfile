FROM alpine
RUN <<ONE cat - && <<TWO cat -
first
ONE
second
TWO
