/**
 * The role a file's header comment gives it: every wording the two header patterns accept, in
 * any case, still gives its role now that a comment is first checked for the words they need
 * (roles.ts mayNameARole), and comments that only look close give none.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { roleFromHeader } from "./roles.js";

const DEVELOPMENT = [
  "# Not for production",
  "# NOT MEANT FOR PRODUCTION",
  "# not intended for use in production",
  "# Not suitable for production",
  "# not to be used for production",
  "# Do not use this file in production",
  "# don't use it in production",
  "# Never use this configuration in production",
  "# never use in production",
  "# For development only",
  "# For local development use only",
  "# for development purposes only",
  "# Only for local development",
  "# Development-only settings",
  "# development only",
  "// A dev compose file",
  "# This is the local environment",
  "# a development setup",
  "# Dev / testing config file",
  "# local docker-compose file",
  "# LOCAL STACK",
];

const TEST = [
  "# For testing only",
  "# for testing purposes only",
  "# Testing-only",
  "# TESTING ONLY",
  "# For the test suite",
  "# for test suite",
  "# test compose file",
  "# Testing setup",
  "# This is a test environment",
];

const NONE = [
  "#!/usr/bin/env python",
  '"""Django\'s command-line utility for administrative tasks."""',
  "# SECURITY WARNING: don't run with debug turned on in production!",
  "# Production settings",
  "# see the local dev compose file",
  "# The setup of the shop",
  "# tested with Django 5.2",
];

test("each wording of a development header, in any case, makes the file a developer's", () => {
  for (const line of DEVELOPMENT) assert.equal(roleFromHeader(`${line}\nservices: {}\n`)?.role, "development", line);
});

test("each wording of a test header makes the file a test one", () => {
  for (const line of TEST) assert.equal(roleFromHeader(`${line}\n`)?.role, "test", line);
});

test("comments that only come close give no role", () => {
  for (const line of NONE) assert.equal(roleFromHeader(`${line}\nX = 1\n`), undefined, line);
});
