FROM alpine
RUN apt-get update && \
# why we need curl

    # indented comment
    apt-get install -y curl
