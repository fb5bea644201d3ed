# escape=`
FROM alpine
RUN echo hello `
    world
