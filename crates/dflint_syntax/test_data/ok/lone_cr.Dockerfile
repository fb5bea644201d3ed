FROM alpineRUN echo hidden
