# SPDX-License-Identifier: MIT
# Build configuration: one CONFIG_X ?= y line per option.

# Debug build: ASSERT() panics with file:line instead of compiling away.
CONFIG_DEBUG ?= y
# Shoji's version, shown in the banner and by XENVER_extraversion.
SHOJI_VERSION_MAJOR ?= 0
SHOJI_VERSION_MINOR ?= 1
SHOJI_VERSION_EXTRA ?= -dev
