# syntax=docker/dockerfile:1
# One image: the all-in-one app by default, or one service with OIP_SERVICE=challenges|solutions|matching.
FROM python:3.11-slim-bookworm

# The CPU build of torch, pinned exactly; the default PyPI wheel drags in several GB of CUDA.
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    OIP_ENV=production \
    OIP_DATA_DIR=/data \
    OIP_MODEL_CACHE_DIR=/opt/oip/models

RUN useradd --create-home --uid 10001 oip \
    && mkdir -p /data /opt/oip/models \
    && chown oip:oip /data

WORKDIR /app
RUN pip install --index-url "${TORCH_INDEX_URL}" torch==2.13.0

# Dependencies first (cached across code changes), then the code.
COPY pyproject.toml README.md ./
RUN mkdir -p services && touch services/__init__.py && pip install -e . && rm -rf services
COPY alembic.ini ./
COPY migrations ./migrations
COPY services ./services
RUN pip install --no-deps -e . \
    && python -m services.cli prepare-model \
    && chown -R oip:oip /opt/oip/models

USER oip
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=60s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/livez', timeout=2)"

# Applies migrations, then serves. For several replicas or services on one database, run
# `oip migrate` once as a job and start the containers with `oip serve --no-migrate`.
CMD ["oip", "serve", "--host", "0.0.0.0", "--port", "8000"]
