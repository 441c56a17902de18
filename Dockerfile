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
# The GPU image's base (CUDA) has no .NET runtime, so the GPU inference build is self-contained.
RUN dotnet publish src/Web/InteractionLab.Web.csproj -c Release --no-restore -o /out/web && \
    if [ "$ORT_PACKAGE" = "Microsoft.ML.OnnxRuntime" ]; then \
      dotnet publish src/Inference/InteractionLab.Inference.csproj -c Release --no-restore -o /out/inference; \
    else \
      dotnet publish src/Inference/InteractionLab.Inference.csproj -c Release -r linux-x64 --self-contained \
        -p:OnnxRuntimePackage=$ORT_PACKAGE -o /out/inference; \
    fi

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS web
WORKDIR /app
COPY --from=build /out/web .
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
# The runtime image has no wget or curl: the app checks itself (its healthcheck verb asks /alive and exits 0 or 1).
HEALTHCHECK --interval=30s --timeout=5s CMD ["dotnet", "InteractionLab.Web.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "InteractionLab.Web.dll"]

FROM ${INFERENCE_BASE} AS inference
WORKDIR /app
COPY --from=build /out/inference .
ENV ASPNETCORE_URLS=http://+:8000
EXPOSE 8000
# The apphost runs both builds: it finds the shared runtime in the aspnet image, or its own when self-contained.
ENTRYPOINT ["./InteractionLab.Inference", "serve", "--models", "/models"]
