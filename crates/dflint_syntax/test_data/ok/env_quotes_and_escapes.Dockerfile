FROM alpine
ENV GREETING="hello \"world\"" NAME='single quoted' PLAIN=a\ b
