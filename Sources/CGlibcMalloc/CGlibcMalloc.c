// Header-only module: see include/CGlibcMalloc.h. SwiftPM needs one source file per C target.
#include "CGlibcMalloc.h"
