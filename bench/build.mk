# SPDX-License-Identifier: MIT
# Benchmarks (make bench).
