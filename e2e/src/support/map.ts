import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The towns' boundary colour on every map (ZHONGSHAN_GEO's borderColor #c9ced6, web/src/app/zhongshan-map.ts). */
export const TOWN_BOUNDARY_RGB: [number, number, number] = [201, 206, 214];
/** The towns' names on a map that shows them (ZHONGSHAN_GEO's label colour #8c8c8c). */
export const TOWN_NAME_RGB: [number, number, number] = [140, 140, 140];

/**
 * In the page: how many pixels of the map's canvases (`testId`) are within 14 of the colour `rgb` on each channel. All
 * its canvases: a map with a lines series (the fire zones) draws it on a layer of its own, the first canvas.
 */
export const countColour = (testId: string, [r, g, b]: [number, number, number]) => `(() => {
  let n = 0;
  for (const canvas of document.querySelectorAll('[data-testid="${testId}"] canvas')) {
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 0; i < pixels.length; i += 4)
      if (Math.abs(pixels[i] - ${r}) < 14 && Math.abs(pixels[i + 1] - ${g}) < 14 && Math.abs(pixels[i + 2] - ${b}) < 14) n++;
  }
  return n;
})()`;

/**
 * The towns on a map (issue 14 item 13): their boundaries drawn on its canvas and, when given, their names' grey
 * (`nameRgb`). A map that lost the city background (or drew it without the towns) has neither.
 */
export async function expectTowns(page: Page, testId: string, nameRgb?: [number, number, number]): Promise<void> {
  await expect.poll(async () => (await page.evaluate(countColour(testId, TOWN_BOUNDARY_RGB))) as number).toBeGreaterThan(800);
  if (nameRgb) await expect.poll(async () => (await page.evaluate(countColour(testId, nameRgb))) as number).toBeGreaterThan(25);
}
