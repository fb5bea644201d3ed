FROM	alpine
RUN	echo	one
	RUN echo indented
