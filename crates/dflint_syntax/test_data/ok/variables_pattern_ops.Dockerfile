FROM alpine
ENV P1=${A#p} P2=${A##p} P3=${A%p} P4=${A%%p} P5=${A/x/y}
