FROM alpine
COPY <<EOF /etc/motd
welcome
EOF
