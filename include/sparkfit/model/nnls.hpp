// Non-negative least squares: minimise ||A x - b||_2 subject to x >= 0, by the active-set method
// of Lawson & Hanson ("Solving Least Squares Problems", 1974, ch. 23). Used to calibrate the
// runtime model from measured runs, Ernest-style (NSDI'16):
//   time = a + b * work/cores + c * log(nodes) + d * nodes,   a, b, c, d >= 0.
//
// The implementation uses Eigen (a QR factorisation for every passive-set subproblem, never the
// normal equations); this header deliberately exposes only standard types.
//
// Error policy: inconsistent sizes or invalid arguments throw std::invalid_argument. Numeric
// trouble (NaN/Inf in the input, overflow, the iteration limit) never throws: the result comes back
// with converged == false and x holding the last feasible iterate (x >= 0 always).
#pragma once

#include <cstddef>
#include <vector>

namespace sparkfit::model {

struct NnlsResult {
  std::vector<double> x;     // cols entries, every one >= 0 (exactly 0 outside the passive set)
  double residual_norm = 0;  // ||A x - b||_2 (for the weighted solver: the weighted residual)
  int iterations = 0;        // outer iterations: times a column entered the passive set
  bool converged = false;    // KKT conditions met within the tolerance
};

// Minimise ||A x - b||_2 subject to x >= 0. A is rows x cols, row-major in `a`; b has rows entries.
//
// max_iterations bounds the outer iterations (0 = 3 * cols). tolerance is the threshold on the
// gradient w = A^T (b - A x): column j enters the passive set only while w_j > tolerance.
// 0 = automatic, per column at rounding-error scale: 10 * eps * max(rows, cols) * ||a_j|| * ||b||,
// so a column measured in tiny units is not drowned out by one measured in huge units.
//
// Columns that are zero, or linearly dependent on the passive set (duplicates), never enter it, so
// their coefficient stays 0; when the minimiser is not unique (rows < cols, duplicate columns) the
// result is the basic solution Lawson-Hanson reaches. cols == 0 gives an empty x; rows == 0 or
// b == 0 gives x = 0.
//
// Throws std::invalid_argument if a.size() != rows * cols, b.size() != rows, max_iterations < 0 or
// tolerance is negative or NaN.
NnlsResult solve_nnls(const std::vector<double>& a, std::size_t rows, std::size_t cols, const std::vector<double>& b,
                      int max_iterations = 0, double tolerance = 0);

// Weighted NNLS: minimise sum_i weights[i] * ((A x)_i - b_i)^2 subject to x >= 0, by scaling row i
// of A and b_i by sqrt(weights[i]). With weights[i] = 1 / b_i^2 this minimises the squared
// *relative* error, so long and short runs count equally. residual_norm is the weighted norm
// sqrt(sum_i weights[i] * ((A x)_i - b_i)^2).
//
// Throws std::invalid_argument for the size errors of solve_nnls, weights.size() != rows, or a
// negative weight. A NaN or infinite weight is numeric trouble: converged == false.
NnlsResult solve_nnls_weighted(const std::vector<double>& a, std::size_t rows, std::size_t cols,
                               const std::vector<double>& b, const std::vector<double>& weights, int max_iterations = 0,
                               double tolerance = 0);

}  // namespace sparkfit::model
