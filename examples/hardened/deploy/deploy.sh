#!/usr/bin/env bash
# Usage: deploy/deploy.sh <staging|production> <image>
# Runs migrations with the new image, then rolls the web, worker and beat deployments.
set -euo pipefail
env_name=$1
image=$2
overlay="deploy/k8s/$env_name"
namespace=$(kubectl kustomize "$overlay" | sed -n 's/^  namespace: //p' | head -n 1)

(cd "$overlay" && kustomize edit set image "app=$image")

kubectl -n "$namespace" delete job migrate --ignore-not-found --wait=true
kubectl apply -k "$overlay" -l app.kubernetes.io/component=migrate
kubectl -n "$namespace" wait --for=condition=complete job/migrate --timeout=10m

kubectl apply -k "$overlay"
for deployment in web worker beat; do
  kubectl -n "$namespace" rollout status "deployment/$deployment" --timeout=10m
done
