"""Getting paid at the exit: the reminder ladder, statutory late-payment interest and the
statement of account. Pure functions over typed inputs; the CLI composes them with letters."""
