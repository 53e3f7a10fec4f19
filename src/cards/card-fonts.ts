import { createRequire } from 'node:module';

// DejaVu (Bitstream Vera licence: free to embed and redistribute) covers every French letter,
// « », ’ and the narrow no-break space; pdfkit embeds the subset used, with a ToUnicode map, so
// names stay searchable and copyable (pdftotext reads them back in the tests).
const require = createRequire(import.meta.url);

export const CARD_FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  mono: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono-Bold.ttf'),
} as const;
