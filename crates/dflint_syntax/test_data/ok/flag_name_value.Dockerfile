FROM --platform=linux/amd64 alpine
RUN --mount=type=cache,target=/root/.cache --network=none make
