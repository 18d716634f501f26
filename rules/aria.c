#include "core/err.h" /* placeholder: being written */
