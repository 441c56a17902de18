# syntax=docker/dockerfile:1
# Multi-stage build. Targets:
#   docker build --target web -t interactionlab/web .
#   docker build --target inference -t interactionlab/inference .
#   docker build --target inference --build-arg ORT_PACKAGE=Microsoft.ML.OnnxRuntime.Gpu \
#                --build-arg INFERENCE_BASE=nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04 -t interactionlab/inference-gpu .
ARG INFERENCE_BASE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG ORT_PACKAGE=Microsoft.ML.OnnxRuntime
WORKDIR /src
COPY . .
# The GPU package is not in the CPU lock file, so a GPU build restores unlocked.
RUN if [ "$ORT_PACKAGE" = "Microsoft.ML.OnnxRuntime" ]; then LOCK=--locked-mode; else LOCK=--force-evaluate; fi; \
    dotnet restore src/Web/InteractionLab.Web.csproj $LOCK -p:OnnxRuntimePackage=$ORT_PACKAGE && \
    dotnet restore src/Inference/InteractionLab.Inference.csproj $LOCK -p:OnnxRuntimePackage=$ORT_PACKAGE
RUN dotnet publish src/Web/InteractionLab.Web.csproj -c Release --no-restore -o /out/web && \
    dotnet publish src/Inference/InteractionLab.Inference.csproj -c Release --no-restore \
      -p:OnnxRuntimePackage=$ORT_PACKAGE -o /out/inference

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS web
WORKDIR /app
COPY --from=build /out/web .
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s CMD wget -qO- http://localhost:8080/alive || exit 1
ENTRYPOINT ["dotnet", "InteractionLab.Web.dll"]

FROM ${INFERENCE_BASE} AS inference
WORKDIR /app
COPY --from=build /out/inference .
ENV ASPNETCORE_URLS=http://+:8000
EXPOSE 8000
ENTRYPOINT ["dotnet", "InteractionLab.Inference.dll", "serve", "--models", "/models"]
