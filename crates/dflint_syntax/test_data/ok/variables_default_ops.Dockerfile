FROM alpine
ENV R1=${A:-x} R2=${A:+x} R3=${A-x} R4=${A+x} R5=${A?x} R6=${A:?x}
