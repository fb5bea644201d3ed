# syntax=docker/dockerfile:1
# dflint's own image: a release build in a Rust stage, then only the binary on a distroless base
# (glibc and libgcc, no shell, no package manager), running as a non-root user.
#
#   docker build --build-arg DFLINT_COMMIT="$(git rev-parse --short HEAD)" -t dflint .
#   docker run --rm -i dflint < Dockerfile                   # lint standard input
#   docker run --rm -v "$PWD:/src" dflint                    # lint the Dockerfiles under the current folder
#   docker run --rm -v "$PWD:/src" dflint --format json .    # any `dflint check` options

FROM rust:1.88-slim-bookworm AS build
WORKDIR /usr/src/dflint
COPY Cargo.toml Cargo.lock ./
COPY crates ./crates
# The build context has no .git: the commit `dflint --version` prints comes in as a build argument.
ARG DFLINT_COMMIT=""
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/usr/src/dflint/target \
    CARGO_PROFILE_RELEASE_DEBUG=0 CARGO_PROFILE_RELEASE_STRIP=symbols \
    cargo build --release --locked -p dflint \
    && cp target/release/dflint /usr/local/bin/dflint

FROM gcr.io/distroless/cc-debian12:nonroot
LABEL org.opencontainers.image.title="dflint" \
      org.opencontainers.image.description="A Dockerfile linter" \
      org.opencontainers.image.licenses="MIT OR Apache-2.0"
COPY --from=build /usr/local/bin/dflint /usr/local/bin/dflint
USER 65532:65532
WORKDIR /src
# `dflint check` with no paths lints standard input when a Dockerfile is piped into it
# (`docker run -i ... < Dockerfile`), and the current folder (/src) otherwise.
ENTRYPOINT ["/usr/local/bin/dflint"]
CMD ["check"]
