/* in-page runtime: see issue 7 */
