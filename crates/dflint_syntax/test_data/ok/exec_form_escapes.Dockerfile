FROM alpine
CMD ["echo", "\u0041\/b", "tab\tquote\""]
