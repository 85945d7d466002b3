import { ruleTester } from "../tester.js";
import rule from "./CI109-docker-base-unpinned.js";

const SETTINGS = { "mysite/settings.py": "DEBUG = False\n" };
const t = ruleTester(rule);

t.fires("latest", { files: { ...SETTINGS, Dockerfile: "FROM python:latest\n" } }, { file: "Dockerfile", line: 1, message: /is :latest/ });
t.fires("no tag", { files: { ...SETTINGS, Dockerfile: "FROM python\n" } }, { message: /has no tag/ });
t.fires(
  "a major version only",
  { files: { ...SETTINGS, Dockerfile: "FROM node:20-alpine AS assets\nFROM python:3-slim\n" } },
  { line: 1 },
  { line: 2, message: /:3-slim names a major version only/ },
);
t.fires("a distribution name", { files: { ...SETTINGS, Dockerfile: "FROM python:slim\n" } }, { message: /:slim names no version/ });
t.fires(
  // "${BASE}" is Docker syntax, not a template placeholder.
  "from a global ARG",
  { files: { ...SETTINGS, Dockerfile: "ARG BASE=python:latest\nFROM $" + "{BASE}\n" } },
  { line: 2, message: /FROM python:latest/ },
);
t.quiet("an exact tag", { files: { ...SETTINGS, Dockerfile: "FROM python:3.12.12-slim-bookworm\n" } });
t.quiet("a minor version", { files: { ...SETTINGS, Dockerfile: "FROM python:3.12-slim\n" } });
t.quiet("a digest", {
  files: { ...SETTINGS, Dockerfile: "FROM python@sha256:4f1d6b9c2e8a7f3d5b0c9e1a2f4d6b8c0e2a4f6d8b0c2e4a6f8d0b2c4e6a8f0d\n" },
});
t.quiet("a stage and scratch", { files: { ...SETTINGS, Dockerfile: "FROM python:3.12.12-slim AS base\nFROM base\nFROM scratch\n" } });
t.quiet("an exact tag from a global ARG", { files: { ...SETTINGS, Dockerfile: "ARG PY=python:3.12.12-slim\nFROM $PY AS build\n" } });
t.fires(
  "a Python image by Debian release",
  { files: { ...SETTINGS, Dockerfile: "FROM python:bookworm\n" } },
  { message: /:bookworm names no version/ },
);
t.quiet("Debian and Ubuntu by release", {
  files: { ...SETTINGS, Dockerfile: "FROM debian:bookworm-slim AS base\nFROM ubuntu:noble\n" },
});
t.quiet("an image a compose file of the repository builds (baserow's all-in-one image)", {
  files: {
    ...SETTINGS,
    "deploy/all-in-one/Dockerfile": "ARG FROM_BACKEND_IMAGE=baserow_backend\nFROM $FROM_BACKEND_IMAGE AS backend\nUSER 10001\n",
    "deploy/local/docker-compose.yml":
      "services:\n  backend:\n    image: baserow_backend:latest\n    build:\n      context: .\n      dockerfile: ./backend/Dockerfile\n",
  },
});
