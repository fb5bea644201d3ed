# check=skip=JSONArgsRecommended,StageNameCasing
FROM alpine
