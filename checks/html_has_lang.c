#include "checks/check.h" /* placeholder: being written */
