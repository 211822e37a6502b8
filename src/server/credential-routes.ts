/**
 * Public, token-free routes a certificate links to, rate-limited per client:
 * GET /verify/<uid>             the verification, revealing no more of the
 *                               learner than the certificate shows (no email)
 * GET /credentials/<uid>/proof  the self-contained proof document
 * GET /credentials/<uid>/pdf    the certificate, served only while its bytes
 *                               still match its CID
 * The uid (128 random bits) is the only key; an unknown one is a 404.
 */
import express, { type Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { verifiedBlob } from '../blobs/blob-store';
import type { Services } from '../services';
import { pdfHeaders } from './security-headers';

export function credentialRoutes(services: Services, perMinute: number): Router {
  const router = express.Router();
  const limited = rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    message: { error: 'too many requests; try again in a minute' },
  });
  const notFound = { error: 'no credential has this uid' };

  router.get('/verify/:uid', limited, async (req, res, next) => {
    try {
      const result = await services.verification.verify(String(req.params.uid));
      const c = result.credential;
      if (!c) {
        res.status(404).json(notFound);
        return;
      }
      const issuer = (await services.credentials.issuersByIds([c.issuerId]))[0];
      const batch = result.batch;
      res.json({
        uid: c.uid,
        valid: result.valid,
        checks: result.checks,
        credential: {
          issuer: issuer?.name ?? null,
          title: c.title,
          issuedAt: c.issuedAt.toISOString(),
          completionDate: c.completionDate?.toISOString() ?? null,
          maxHours: c.maxHours === null ? null : Number(c.maxHours),
          status: c.status,
          dataHash: c.dataHash,
          pdfCid: c.pdfCid,
        },
        anchor: batch
          ? {
              status: batch.status,
              merkleRoot: batch.merkleRoot,
              signer: batch.signer,
              chainId: batch.chainId,
              txHash: batch.txHash,
              blockNumber: batch.blockNumber,
              anchoredAt: batch.anchoredAt?.toISOString() ?? null,
            }
          : { status: 'PENDING' },
      });
    } catch (error) {
      next(error);
    }
  });

  router.get('/credentials/:uid/proof', limited, async (req, res, next) => {
    try {
      const document = await services.verification.proofDocument(String(req.params.uid));
      if (!document) res.status(404).json(notFound);
      else res.json(document);
    } catch (error) {
      next(error);
    }
  });

  // A provider's file, served from the dashboard's origin: sandboxed, and a download.
  router.get('/credentials/:uid/pdf', limited, pdfHeaders(), async (req, res, next) => {
    try {
      const credential = await services.verification.byUid(String(req.params.uid));
      if (!credential?.pdfCid) {
        res.status(404).json(credential ? { error: 'this credential has no PDF' } : notFound);
        return;
      }
      const blob = await verifiedBlob(services.blobs, credential.pdfCid);
      if (!blob.ok) {
        res.status(blob.reason === 'missing' ? 404 : 409).json({
          error:
            blob.reason === 'missing'
              ? 'the PDF is missing from the store'
              : 'the stored PDF no longer matches its CID',
        });
        return;
      }
      res
        .status(200)
        .set({
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="credential-${credential.uid}.pdf"`,
          etag: `"${credential.pdfCid}"`,
          'x-content-cid': credential.pdfCid,
          'cache-control': 'public, max-age=31536000, immutable',
        })
        .send(Buffer.from(blob.bytes));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
