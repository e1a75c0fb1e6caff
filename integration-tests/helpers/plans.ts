/** The specs' usual levels: 10 / 5 / 3 / 2 % (the sums in their comments are worked out from them). */
export const FOUR_LEVELS = [10, 5, 3, 2].map((percent, i) => ({ level: i + 1, percent }))
