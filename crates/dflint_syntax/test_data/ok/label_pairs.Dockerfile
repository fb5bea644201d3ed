FROM alpine
LABEL version=1.0 "com.example.team"="build tools" description='a small demo'
