FROM alpine
RUN <<-EOF
	echo indented
	EOF
