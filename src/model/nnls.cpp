// Lawson-Hanson NNLS (Lawson & Hanson, "Solving Least Squares Problems", 1974, ch. 23), written
// from the algorithm's description:
//
//   P = {} (passive set: free, positive coefficients), Z = all columns (held at zero), x = 0.
//   loop:
//     w = A^T (b - A x)                       (minus the gradient of ||A x - b||^2 / 2)
//     if no j in Z has w_j > tol: stop (KKT holds).
//     t = argmax_{j in Z} w_j; move t to P.
//     loop:
//       z = least-squares solution over the columns in P, z_j = 0 for j in Z.
//       if z_j > 0 for all j in P: x = z; break.
//       alpha = min over j in P with z_j <= 0 of x_j / (x_j - z_j)
//       x = x + alpha (z - x); move every j in P with x_j <= 0 back to Z.
//
// Numerical care:
//  * every subproblem is solved with a column-pivoting Householder QR of A_P, never A^T A;
//  * a candidate column that is (numerically) a combination of the passive columns, e.g. a
//    duplicate, is refused, so A_P always has full column rank; a zero column never enters;
//  * a candidate whose own coefficient comes out <= 0 (impossible in exact arithmetic when
//    w_t > 0) is refused too, as Lawson & Hanson do; refusals are forgotten when P changes;
//  * non-finite input or intermediate values end the solve with converged = false, no throw.
#include "sparkfit/model/nnls.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace sparkfit::model {
namespace {

using Matrix = Eigen::MatrixXd;
using Vector = Eigen::VectorXd;
using Index = Eigen::Index;
using RowMajorMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

constexpr double kEps = std::numeric_limits<double>::epsilon();

Index to_index(std::size_t n) { return static_cast<Index>(n); }

void validate_sizes(const std::vector<double>& a, std::size_t rows, std::size_t cols, const std::vector<double>& b) {
  if (cols != 0 && rows > std::numeric_limits<std::size_t>::max() / cols) {
    throw std::invalid_argument("solve_nnls: rows * cols overflows");
  }
  if (a.size() != rows * cols) {
    throw std::invalid_argument("solve_nnls: a has " + std::to_string(a.size()) +
                                " entries, expected rows * cols = " + std::to_string(rows * cols));
  }
  if (b.size() != rows) {
    throw std::invalid_argument("solve_nnls: b has " + std::to_string(b.size()) +
                                " entries, expected rows = " + std::to_string(rows));
  }
  if (rows > static_cast<std::size_t>(std::numeric_limits<Index>::max()) ||
      cols > static_cast<std::size_t>(std::numeric_limits<Index>::max())) {
    throw std::invalid_argument("solve_nnls: matrix too large");
  }
}

bool all_finite(const std::vector<double>& v) {
  return std::all_of(v.begin(), v.end(), [](double d) { return std::isfinite(d); });
}

// The columns of `a` listed in `columns`, in that order.
Matrix gather(const Matrix& a, const std::vector<Index>& columns) {
  Matrix out(a.rows(), to_index(columns.size()));
  for (std::size_t k = 0; k < columns.size(); ++k) out.col(to_index(k)) = a.col(columns[k]);
  return out;
}

// Least-squares solution of A_P z_P = b, scattered into a full-length vector (zero outside P).
Vector solve_passive(const Matrix& a, const Vector& b, const std::vector<Index>& passive) {
  Vector z = Vector::Zero(a.cols());
  if (passive.empty()) return z;
  const Matrix ap = gather(a, passive);
  const Eigen::ColPivHouseholderQR<Matrix> qr(ap);
  const Vector zp = qr.solve(b);
  for (std::size_t k = 0; k < passive.size(); ++k) z(passive[k]) = zp(to_index(k));
  return z;
}

// True when column t keeps a clear component outside span(A_P): the projection residual of a_t
// is larger than a few thousand rounding errors relative to ||a_t||.
bool independent_of(const Matrix& a, const std::vector<Index>& passive, Index t, double column_norm) {
  if (!(column_norm > 0)) return false;
  if (passive.empty()) return true;
  const Matrix ap = gather(a, passive);
  const Eigen::ColPivHouseholderQR<Matrix> qr(ap);
  const Vector at = a.col(t);
  const Vector residual = at - ap * qr.solve(at);
  const double threshold = 1e3 * kEps * static_cast<double>(std::max(a.rows(), a.cols())) * column_norm;
  return residual.norm() > threshold;
}

std::vector<Index> members(const std::vector<bool>& in_set) {
  std::vector<Index> out;
  for (std::size_t j = 0; j < in_set.size(); ++j) {
    if (in_set[j]) out.push_back(to_index(j));
  }
  return out;
}

}  // namespace

NnlsResult solve_nnls(const std::vector<double>& a, std::size_t rows, std::size_t cols, const std::vector<double>& b,
                      int max_iterations, double tolerance) {
  validate_sizes(a, rows, cols, b);
  if (max_iterations < 0) throw std::invalid_argument("solve_nnls: max_iterations < 0");
  if (std::isnan(tolerance) || tolerance < 0) {
    throw std::invalid_argument("solve_nnls: tolerance must be >= 0");
  }

  NnlsResult result;
  result.x.assign(cols, 0.0);

  if (!all_finite(a) || !all_finite(b)) {
    result.residual_norm = std::numeric_limits<double>::quiet_NaN();
    return result;  // converged = false
  }
  if (rows == 0 || cols == 0) {
    // Nothing to fit: x = 0 (or empty) is the only sensible answer and it is optimal.
    double sum = 0;
    for (double v : b) sum += v * v;
    result.residual_norm = std::sqrt(sum);
    result.converged = std::isfinite(result.residual_norm);
    return result;
  }

  const Index m = to_index(rows);
  const Index n = to_index(cols);
  const Matrix A = Eigen::Map<const RowMajorMatrix>(a.data(), m, n);
  const Vector B = Eigen::Map<const Vector>(b.data(), m);

  const long long default_limit = 3LL * static_cast<long long>(n);
  const int limit = max_iterations > 0 ? max_iterations : static_cast<int>(std::min<long long>(default_limit, INT_MAX));
  Vector column_norms(n);
  for (Index j = 0; j < n; ++j) column_norms(j) = A.col(j).stableNorm();
  // Threshold on w_j for column j to enter P. The automatic one is per column, at the scale of
  // the rounding error in w_j = a_j . r (|r| <= |b| for every iterate), so badly scaled columns
  // are judged on their own scale rather than against the largest column.
  Vector tol(n);
  if (tolerance > 0) {
    tol.setConstant(tolerance);
  } else {
    const double scale = 10 * kEps * static_cast<double>(std::max(m, n)) * B.stableNorm();
    tol = scale * column_norms;
  }

  Vector x = Vector::Zero(n);
  std::vector<bool> passive(cols, false);
  std::vector<bool> refused(cols, false);
  bool converged = false;
  bool trouble = false;

  while (!trouble) {
    const Vector w = A.transpose() * (B - A * x);
    if (!w.allFinite()) {
      trouble = true;
      break;
    }
    // The most promising column of Z, if any violates the KKT conditions.
    Index t = -1;
    double best = 0;
    for (Index j = 0; j < n; ++j) {
      const auto js = static_cast<std::size_t>(j);
      if (!passive[js] && !refused[js] && w(j) > tol(j) && (t < 0 || w(j) > best)) {
        best = w(j);
        t = j;
      }
    }
    if (t < 0) {
      converged = true;
      break;
    }
    if (result.iterations >= limit) break;  // converged = false

    const auto ts = static_cast<std::size_t>(t);
    std::vector<Index> p = members(passive);
    if (!independent_of(A, p, t, column_norms(t))) {
      refused[ts] = true;
      continue;
    }
    p.push_back(t);
    Vector z = solve_passive(A, B, p);
    if (!z.allFinite()) {
      trouble = true;
      break;
    }
    if (!(z(t) > 0)) {
      refused[ts] = true;
      continue;
    }
    ++result.iterations;
    passive[ts] = true;
    std::fill(refused.begin(), refused.end(), false);

    // Inner loop: step back towards feasibility until every passive coefficient is positive.
    // Each pass moves at least one column back to Z, so it runs at most |P| times.
    while (true) {
      Index blocking = -1;
      double alpha = std::numeric_limits<double>::infinity();
      for (Index j = 0; j < n; ++j) {
        const auto js = static_cast<std::size_t>(j);
        if (!passive[js] || z(j) > 0) continue;
        const double denom = x(j) - z(j);
        const double step = denom > 0 ? x(j) / denom : 0.0;
        if (step < alpha) {
          alpha = step;
          blocking = j;
        }
      }
      if (blocking < 0) {
        x = z;
        break;
      }
      x += alpha * (z - x);
      x(blocking) = 0;
      for (Index j = 0; j < n; ++j) {
        const auto js = static_cast<std::size_t>(j);
        if (passive[js] && x(j) <= 0) {
          x(j) = 0;
          passive[js] = false;
        }
      }
      z = solve_passive(A, B, members(passive));
      if (!z.allFinite() || !x.allFinite()) {
        trouble = true;
        break;
      }
    }
  }

  if (trouble || !x.allFinite()) {
    // Keep the last feasible iterate when it is usable; otherwise fall back to x = 0.
    if (!x.allFinite()) x.setZero();
    converged = false;
  }
  for (Index j = 0; j < n; ++j) result.x[static_cast<std::size_t>(j)] = std::max(0.0, x(j));
  const Vector xs = Eigen::Map<const Vector>(result.x.data(), n);
  result.residual_norm = (A * xs - B).stableNorm();
  result.converged = converged && std::isfinite(result.residual_norm);
  return result;
}

NnlsResult solve_nnls_weighted(const std::vector<double>& a, std::size_t rows, std::size_t cols,
                               const std::vector<double>& b, const std::vector<double>& weights, int max_iterations,
                               double tolerance) {
  validate_sizes(a, rows, cols, b);
  if (weights.size() != rows) {
    throw std::invalid_argument("solve_nnls_weighted: weights has " + std::to_string(weights.size()) +
                                " entries, expected rows = " + std::to_string(rows));
  }
  std::vector<double> scaled_a(a);
  std::vector<double> scaled_b(b);
  for (std::size_t i = 0; i < rows; ++i) {
    if (weights[i] < 0) {
      throw std::invalid_argument("solve_nnls_weighted: weight " + std::to_string(i) + " is negative");
    }
    const double s = std::sqrt(weights[i]);  // NaN/Inf flow into solve_nnls: converged = false
    for (std::size_t j = 0; j < cols; ++j) scaled_a[i * cols + j] *= s;
    scaled_b[i] *= s;
  }
  return solve_nnls(scaled_a, rows, cols, scaled_b, max_iterations, tolerance);
}

}  // namespace sparkfit::model
