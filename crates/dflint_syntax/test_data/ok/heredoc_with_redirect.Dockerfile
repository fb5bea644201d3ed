FROM python:3.12-slim
RUN python3 <<EOF > /out.txt
print('hi')
EOF
