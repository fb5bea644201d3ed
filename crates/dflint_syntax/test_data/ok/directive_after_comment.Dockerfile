# build the demo image
# escape=`
FROM alpine
RUN echo still \
  backslash
