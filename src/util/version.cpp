#include "sparkfit/util/version.hpp"

namespace sparkfit {
const char* const kVersion = SPARKFIT_VERSION;
}
