/*
 * The SW_ERROR domain.  Nothing here logs or prints.
 */
#include "util/error.h"

G_DEFINE_QUARK(statuswatch-error-quark, sw_error)

bool
error_is_temporary(const GError *error)
{
	if (error == NULL || error->domain != SW_ERROR) {
		return false;
	}
	return error->code == SW_ERROR_TEMPORARY || error->code == SW_ERROR_CANCELLED;
}
