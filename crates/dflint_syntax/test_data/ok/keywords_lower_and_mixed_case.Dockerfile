from alpine
Run echo mixed
cOpY a /b
workdir /srv
EnTrYpOiNt ["/bin/true"]
