import { z } from 'zod';

// Default validation messages in Chinese; schemas still give their own where a field needs naming.
z.config(z.locales.zhCN());
