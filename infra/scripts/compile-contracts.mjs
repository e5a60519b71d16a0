#!/usr/bin/env node
// Compiles infra/contracts/TrialRegistry.sol with the pinned solc-js (infra/package-lock.json) and
// writes its ABI and bytecode to src/ClinicalTrials.Ledger/Contracts/TrialRegistry.json, which the
// Ledger assembly embeds: running the product needs no Node, only rebuilding the contract does.
//
//   node infra/scripts/compile-contracts.mjs            rewrite the committed artifact
//   node infra/scripts/compile-contracts.mjs --out F    write to F instead (the staleness test)
//
// Settings are fixed here (and recorded in the artifact) so the same source gives the same bytes.
import { createRequire } from 'node:module'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const solc = require('solc')

const infra = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const repo = path.resolve(infra, '..')
const contractName = 'TrialRegistry'
const sourceName = `${contractName}.sol`

const args = process.argv.slice(2)
let out = path.join(repo, 'src', 'ClinicalTrials.Ledger', 'Contracts', `${contractName}.json`)
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--out' && i + 1 < args.length) out = path.resolve(args[++i])
  else {
    console.error(`usage: compile-contracts.mjs [--out FILE]; unknown argument '${args[i]}'`)
    process.exit(2)
  }
}

const settings = {
  evmVersion: 'cancun',
  optimizer: { enabled: true, runs: 200 },
  metadata: { bytecodeHash: 'ipfs' },
  outputSelection: { [sourceName]: { [contractName]: ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
}
// Line endings are normalised so a checkout that converts them still compiles to the same bytes.
const content = fs.readFileSync(path.join(infra, 'contracts', sourceName), 'utf8').replace(/\r\n/g, '\n')
const input = { language: 'Solidity', sources: { [sourceName]: { content } }, settings }
const output = JSON.parse(solc.compile(JSON.stringify(input)))

const problems = (output.errors ?? []).filter(e => e.severity !== 'info')
for (const e of problems) console.error(e.formattedMessage ?? e.message)
if (problems.length > 0) {
  // Warnings fail the build too: the contract is small enough to keep clean.
  process.exit(1)
}

const contract = output.contracts[sourceName][contractName]
const artifact = {
  contractName,
  source: `infra/contracts/${sourceName}`,
  compiler: `solc-js ${solc.version()}`,
  settings: { evmVersion: settings.evmVersion, optimizer: settings.optimizer, metadata: settings.metadata },
  abi: contract.abi,
  bytecode: '0x' + contract.evm.bytecode.object,
  deployedBytecode: '0x' + contract.evm.deployedBytecode.object,
}
fs.mkdirSync(path.dirname(out), { recursive: true })
fs.writeFileSync(out, JSON.stringify(artifact, null, 2) + '\n')
console.error(`${contractName}: ${contract.evm.deployedBytecode.object.length / 2} bytes deployed -> ${path.relative(process.cwd(), out)}`)
